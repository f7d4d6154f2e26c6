"""The HEMIS REST API (``/rest/v1``), operation for operation as ``../shared/spec/hemis-api/`` documents
it, served from the same selectors, services and policy as the pages."""
