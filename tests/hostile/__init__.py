"""Plans and pages built to break contentplan: payloads in every field, storage, fuzzing."""
