// Package banner is shared by the modules of the workspace.
package banner

// Text is the startup banner of a service.
func Text(service string) string {
	return "workspace service " + service + " built from two modules"
}
