package closer

func (p *Poller) Close() error {
	p.ticker.Stop()
	close(p.done)
	return nil
}
