"""View models: what each page shows, prepared as plain data per language and selection, made once per process.

A page reads its URL state, asks its view for what to show, and renders it; the phone edition and the
deck build read the same views. Views call core.data and the pure builders of components/, never st.*.
"""
