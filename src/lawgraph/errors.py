"""The errors lawgraph raises on purpose. The CLI shows each as one line; anything else is a bug."""


class LawgraphError(Exception):
    """Base class: a problem with the user's input, shown as one line with exit status `exit_code`."""

    exit_code = 2


class ReportError(LawgraphError):
    """A report cannot be read or decoded."""


class QueryError(LawgraphError):
    """A SPARQL query is malformed, unknown by name, or not allowed."""


class GraphError(LawgraphError):
    """A graph or store cannot be read."""


class ValidationFailed(ReportError):
    """The built graph does not conform to the SHACL shapes."""

    exit_code = 1


class AnnotationError(LawgraphError):
    """A hand-annotation (gold) file is malformed."""


class EndpointError(LawgraphError):
    """A SPARQL endpoint or graph store cannot be reached, refuses a request, or cannot be started."""
