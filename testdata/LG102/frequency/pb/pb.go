package pb

type GetRequest struct{ Name string }

type GetReply struct{ Value string }
