#!/usr/bin/env node
const kleur = require("kleur");

kleur.enabled = false; // plain text, so the output is easy to check
const who = process.argv[2] || "corepack";
console.log(kleur.green(`Hello from ${who}!`));
