module example.com/snippetbox

go 1.22
