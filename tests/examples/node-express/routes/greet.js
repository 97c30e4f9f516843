const { Router } = require("express");

const router = Router();
router.get("/", (_req, res) => {
  res.send("Hello from Express!");
});

module.exports = router;
