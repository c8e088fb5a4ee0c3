"""Terminal views: what rich draws for the interview, reports, comparisons and checklists."""
