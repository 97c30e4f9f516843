module example.com/flagloopback

go 1.22
