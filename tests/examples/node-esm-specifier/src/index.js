import express from 'express'
import routes from './routes'
import { port } from './config'

const app = express()
app.use(express.json())
app.use('/', routes)
app.listen(port, () => console.log(`listening on ${port}`))
