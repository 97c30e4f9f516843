const { test } = require("node:test");
const assert = require("node:assert");
const { execFileSync } = require("node:child_process");

test("greets", () => {
  assert.match(execFileSync("node", ["cli.js", "tests"]).toString(), /Hello from tests!/);
});
