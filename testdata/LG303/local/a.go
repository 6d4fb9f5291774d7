package local

// Ranges over a package type that holds no WaitGroup: this file asks first whether the package
// ranges over holders, and the answer for it is no.
type job struct{ id int }

func ids(jobs []job) []int {
	var out []int
	for _, j := range jobs {
		out = append(out, j.id)
	}
	return out
}
