export const port = process.env.PORT || 5055
