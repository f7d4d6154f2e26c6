"""A deterministic demo university: ``plan.build_plan`` draws it, ``builder.load`` writes it."""
