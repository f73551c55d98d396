import argparse
import os
import pickle
import sys

import numpy as np
import tensorflow as tf

from model import Model


def load(data_dir):
    with open(os.path.join(data_dir, 'input.txt')) as f:
        data = f.read()
    chars = sorted(set(data))
    vocab = dict(zip(chars, range(len(chars))))
    return data, chars, vocab


def batches(data, vocab, batch_size, seq_length):
    tensor = np.array([vocab[c] for c in data], dtype=np.int32)
    num_batches = int(len(tensor) / (batch_size * seq_length))
    tensor = tensor[:num_batches * batch_size * seq_length + 1]
    xdata = tensor[:-1]
    ydata = tensor[1:]
    x_batches = np.split(xdata.reshape(batch_size, -1), num_batches, 1)
    y_batches = np.split(ydata.reshape(batch_size, -1), num_batches, 1)
    return list(zip(x_batches, y_batches))


def main():
    parser = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument('--data_dir', type=str, default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data'))
    parser.add_argument('--save_dir', type=str, default='save')
    parser.add_argument('--model', type=str, default='lstm', help='rnn, gru, or lstm')
    parser.add_argument('--rnn_size', type=int, default=32)
    parser.add_argument('--num_layers', type=int, default=2)
    parser.add_argument('--batch_size', type=int, default=4)
    parser.add_argument('--seq_length', type=int, default=16)
    parser.add_argument('--num_epochs', type=int, default=8)
    parser.add_argument('--grad_clip', type=float, default=5.)
    parser.add_argument('--learning_rate', type=float, default=0.02)
    args = parser.parse_args()
    train(args)


def train(args):
    data, chars, vocab = load(args.data_dir)
    args.vocab_size = len(chars)
    if not os.path.isdir(args.save_dir):
        os.makedirs(args.save_dir)
    with open(os.path.join(args.save_dir, 'config.pkl'), 'wb') as f:
        pickle.dump(args, f)
    with open(os.path.join(args.save_dir, 'chars_vocab.pkl'), 'wb') as f:
        pickle.dump((chars, vocab), f)

    tf.set_random_seed(0)
    model = Model(args)
    all_batches = batches(data, vocab, args.batch_size, args.seq_length)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver = tf.train.Saver(tf.global_variables())
        for e in range(args.num_epochs):
            sess.run(tf.assign(model.lr, args.learning_rate))
            state = sess.run(model.initial_state)
            losses = []
            for x, y in all_batches:
                feed = {model.input_data: x, model.targets: y}
                for i, (c, h) in enumerate(model.initial_state):
                    feed[c] = state[i].c
                    feed[h] = state[i].h
                train_loss, state, _ = sess.run([model.cost, model.final_state, model.train_op], feed)
                losses.append(train_loss)
            print("epoch {}/{} train_loss = {:.3f}".format(e + 1, args.num_epochs, np.mean(losses)))
            sys.stdout.flush()
        checkpoint_path = os.path.join(args.save_dir, 'model.ckpt')
        saver.save(sess, checkpoint_path, global_step=args.num_epochs)
        print("model saved to {}".format(checkpoint_path))


if __name__ == '__main__':
    main()
