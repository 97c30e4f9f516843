const test = require("node:test");
const assert = require("node:assert");
const { handler } = require("../server");

test("answers with a greeting", () => {
  let body = "";
  handler({}, { writeHead() {}, end(text) { body = text; } });
  assert.strictEqual(body, "Hello from Node!\n");
});
