const router = require('express').Router();
router.get('/hello', (req, res) => res.json({ message: 'Hello from the API' }));
module.exports = router;
