// An Express app from the Strapi 4 era on yarn 1: @strapi/utils declares engines.node ">=18.0.0 <=20.x.x",
// so `yarn install --frozen-lockfile` refuses any newer Node unless engines are ignored.
const express = require('express');
const { nameToSlug } = require('@strapi/utils');

const app = express();
const port = process.env.PORT || 3412;

app.get('/', (req, res) => {
  res.send(`Hello from ${nameToSlug('Yarn One Engines')}!\n`);
});

app.listen(port, () => console.log(`listening on ${port}`));
