package greeting

import "testing"

func TestFor(t *testing.T) {
	if got := For(""); got != "Hello, world!" {
		t.Fatalf("For(\"\") = %q", got)
	}
	if got := For("Go"); got != "Hello, Go!" {
		t.Fatalf("For(\"Go\") = %q", got)
	}
}
