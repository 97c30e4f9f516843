// Not shipped in the image: only server.js, routes/ and package.json are.
const assert = require("node:assert");
const greet = require("../routes/greet");
assert.ok(greet);
