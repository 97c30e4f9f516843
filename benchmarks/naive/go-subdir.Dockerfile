# Naive: one stage with the whole toolchain, the source copied in, built and run as root.
FROM golang:1.24-bookworm
WORKDIR /app
COPY . .
RUN cd service && go build -o /app/service .
CMD ["/app/service"]
