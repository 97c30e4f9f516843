# Naive: one stage with the whole toolchain, the source copied in, built and run as root.
FROM golang:1.24-bookworm
WORKDIR /app
COPY . .
RUN go build -o /app/bin/ ./cmd/...
ENTRYPOINT ["/app/bin/greeter"]
