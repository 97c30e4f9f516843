// The addon is compiled from src/addon.c in the image's build stage (node-gyp, python3, make, g++).
const { add } = require("./build/Release/addon.node");

const a = Number(process.argv[2] ?? 2);
const b = Number(process.argv[3] ?? 3);
console.log(`Hello from C! ${a} + ${b} = ${add(a, b)}`);
