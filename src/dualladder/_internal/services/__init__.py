"""Layer 6, services: check, diff, audit, render the handbook and plan pages, postings."""
