package models

type Post struct{ Title string }

func AllPosts() []Post { return []Post{{"Hello, GOPATH"}} }
