"""process: the stage that turns a stored message into its disposition — on a ticket, or
held for a person — and writes it.

- :mod:`~mailgate.process.plan` reads a message without the write lock (parse, classify,
  route, a first look for the ticket);
- :mod:`~mailgate.process.disposition` decides, by named rules, what becomes of it;
- :mod:`~mailgate.process.processor` runs the transactions that write the decision;
- :mod:`~mailgate.process.held` is the list of mail on no ticket, and accepting from it.
"""

from mailgate.process.processor import BatchResult, Processor

__all__ = ["BatchResult", "Processor"]
