"""One module per lesson (``lNN.py``): its predictions, concept checks and exercise."""
