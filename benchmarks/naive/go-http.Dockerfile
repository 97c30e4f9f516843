# Naive: one stage with the whole toolchain, the source copied in, built and run as root.
FROM golang:1.24-bookworm
WORKDIR /app
COPY . .
RUN go mod download && go build -o /app/server ./cmd/server
EXPOSE 8081
CMD ["/app/server"]
