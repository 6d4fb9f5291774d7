package dns

import (
	"net/http"
	"time"

	"example.com/dns/internal/api"
	"example.com/dns/internal/legacy"
)

type Config struct {
	HTTPClient *http.Client
}

func NewDefaultConfig() *Config {
	return &Config{HTTPClient: &http.Client{Timeout: 30 * time.Second}}
}

func NewProvider(config *Config, token string) (*api.Client, *legacy.Client) {
	client := api.NewClient(token)
	client.HTTPClient = config.HTTPClient
	return client, legacy.NewClient()
}
