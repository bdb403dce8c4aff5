"""The step-by-step guidance wizard (questions, flow, signed state)."""
