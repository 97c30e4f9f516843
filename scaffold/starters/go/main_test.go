package main

import "testing"

func TestGreeting(t *testing.T) {
	if got := greeting(); got != "Hello from Go!" {
		t.Errorf("greeting() = %q, want %q", got, "Hello from Go!")
	}
}
