package handlers

import (
	"html/template"
	"net/http"

	"github.com/jdoe/go-blog/models"
)

var tmpl = template.Must(template.ParseFiles("templates/index.html"))

func Index(w http.ResponseWriter, r *http.Request) {
	tmpl.Execute(w, models.AllPosts())
}
