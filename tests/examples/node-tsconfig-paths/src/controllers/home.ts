import { Request, Response } from 'express';
import { greeting } from '@utils/greeting';

export const home = (_req: Request, res: Response): void => {
  res.send(greeting('tsconfig paths'));
};
