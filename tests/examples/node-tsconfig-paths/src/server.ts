import express from 'express';
import { home } from '@controllers/home';
import { log } from '@utils/logger';

const app = express();
const PORT = process.env.PORT || 3475;

app.get('/', home);

app.listen(PORT, () => log(`Server running on port ${PORT}`));
