const os = require('os');

exports.greeting = () => `Hello from a lone server.js on ${os.platform()}!\n`;
