module example.com/greeter

go 1.24

require github.com/joho/godotenv v1.5.1
