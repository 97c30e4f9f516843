exports.greet = (name) => `hello, ${name}, from a workspace package`;
