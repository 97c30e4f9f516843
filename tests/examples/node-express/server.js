const express = require("express");
const greet = require("./routes/greet");

const app = express();
app.use("/", greet);

const port = Number(process.env.PORT || 3000);
app.listen(port, () => {
  console.log(`listening on ${port}`);
});
