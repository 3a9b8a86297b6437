//! Aftercare use cases.
