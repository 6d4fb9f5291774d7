package auth

// AuthMethod is implemented in auth/aws; the handler receives from NewCreds through it.
type AuthMethod interface {
	NewCreds() chan struct{}
}

func Handle(am AuthMethod) {
	<-am.NewCreds()
}
