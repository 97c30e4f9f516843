const ms = require("ms");

exports.greet = (names) => `Hello, ${names.length ? names.join(" and ") : "world"}! (in ${ms(1500)})`;
