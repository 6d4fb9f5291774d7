package network

import (
	"encoding/json"
	"errors"
	"net/http"
)

// A 204 or 304 response has no body: net/http hands back http.NoBody and has put the
// connection back in the pool already, so a return on that branch leaks nothing.
func decodeUnlessEmpty(c *http.Client, req *http.Request, into any) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(into)
}

func notModified(c *http.Client, req *http.Request) (bool, error) {
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	if 304 == resp.StatusCode {
		return false, nil
	}
	resp.Body.Close()
	return true, nil
}

func onlyEmptyAccepted(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		resp.Body.Close()
		return errors.New(resp.Status)
	}
	return nil
}

// Any other status has a body, and the return on its branch leaks it.
func okOnly(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want "LG401: the body of `resp`"
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	defer resp.Body.Close()
	return errors.New(resp.Status)
}

func emptyOrOK(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want "LG401: the body of `resp`"
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusOK {
		return nil
	}
	defer resp.Body.Close()
	return errors.New(resp.Status)
}

func notEmpty(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want "LG401: the body of `resp`"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNoContent {
		return errors.New(resp.Status)
	}
	return nil
}
