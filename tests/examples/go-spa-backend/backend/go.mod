module github.com/acme/todo-backend

go 1.22
