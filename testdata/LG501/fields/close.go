package fields

func (f *flusher) Close() {
	f.tick.Stop()
	close(f.done)
}
