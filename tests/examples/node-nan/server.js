const express = require('express');
const bcrypt = require('bcrypt');

const app = express();
app.use(express.json());

const users = new Map();

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  users.set(email, await bcrypt.hash(password, 10));
  res.status(201).json({ email });
});

app.get('/', (req, res) => {
  const hash = bcrypt.hashSync('correct horse', 4);
  res.send(`Hello from bcrypt ${bcrypt.compareSync('correct horse', hash) ? 'compare ok' : 'compare failed'}`);
});

const PORT = process.env.PORT || 5060;
app.listen(PORT, () => console.log(`Server running on port ${PORT}`));
