"""Deals from the CRM: the opportunities a rep prepares calls for and that marketing measures
content's influence on. Imported from the files CRMs export; no connector, no network."""
