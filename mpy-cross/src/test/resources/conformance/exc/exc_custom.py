class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, code):
        super().__init__("db failed", code)
        self.code = code
try:
    raise DbError(7)
except AppError as e:
    print(type(e).__name__, e.code, e.args)
try:
    raise AppError("plain")
except DbError:
    print("wrong")
except AppError as e:
    print("app", e)
print(isinstance(DbError(1), Exception))
