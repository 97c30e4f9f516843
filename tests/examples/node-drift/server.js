// Express, with `ms` added to package.json by hand after package-lock.json was written: `npm ci` refuses
// this project until someone runs `npm install`; the image must still build.
const express = require('express');
const ms = require('ms');

const app = express();
const port = process.env.PORT || 3411;

app.get('/', (req, res) => {
  res.send(`Hello from a drifted lock! A day is ${ms('1d')} ms.\n`);
});

app.listen(port, () => console.log(`listening on ${port}`));
