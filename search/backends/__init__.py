"""Search backends: what stores the articles and matches, scores and counts them."""
