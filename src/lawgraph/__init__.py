"""lawgraph: Chinese government rule-of-law reports as an RDF knowledge graph."""

__version__ = "0.1.0"
