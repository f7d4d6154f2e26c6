"""Documents a student downloads (annex 13 item 6), each registered with a number and a QR code to a public
verification page."""
