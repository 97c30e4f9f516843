module.exports = () => "never shipped";
