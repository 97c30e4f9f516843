// A to-do API that keeps its data in a JSON file and appends an access log, both in folders of the repository.
const express = require('express');
const fs = require('fs');
const path = require('path');

const dbFile = path.join(__dirname, 'data', 'db.json');
const log = fs.createWriteStream(path.join(__dirname, 'logs', 'access.log'), { flags: 'a' });

const db = JSON.parse(fs.readFileSync(dbFile, 'utf8'));
db.starts = (db.starts || 0) + 1; // written at start: the image must let the app write its data
fs.writeFileSync(dbFile, JSON.stringify(db, null, 2));

const app = express();
app.use(express.json());
app.use((req, res, next) => {
  log.write(`${new Date().toISOString()} ${req.method} ${req.url}\n`);
  next();
});

app.get('/', (req, res) => res.json({ message: 'Hello from the JSON database!', starts: db.starts }));
app.get('/todos', (req, res) => res.json(db.todos));
app.post('/todos', (req, res) => {
  const todo = { id: db.todos.length + 1, title: String(req.body.title || '') };
  db.todos.push(todo);
  fs.writeFileSync(dbFile, JSON.stringify(db, null, 2));
  res.status(201).json(todo);
});

const port = process.env.PORT || 3000;
app.listen(port, () => console.log(`listening on ${port}`));
